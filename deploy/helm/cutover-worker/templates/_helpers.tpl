{{/* Names: <release>-cutover-worker, or the release name alone when it already says cutover-worker. */}}
{{- define "cutover-worker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cutover-worker.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "cutover-worker.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "cutover-worker.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cutover
{{- end -}}

{{/* What selects every worker pod of this release, shared and per-host (the metrics Service). */}}
{{- define "cutover-worker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cutover-worker.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cutover-worker.image" -}}
{{- printf "%s:%s" (required "image.repository is required" .Values.image.repository) (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "cutover-worker.plansClaim" -}}
{{- if .Values.plans.existingClaim -}}
{{- .Values.plans.existingClaim -}}
{{- else if .Values.plans.create -}}
{{- printf "%s-plans" (include "cutover-worker.fullname" .) -}}
{{- else -}}
{{- fail "plans: set plans.existingClaim to a PersistentVolumeClaim holding the plans, or plans.create=true" -}}
{{- end -}}
{{- end -}}

{{/*
A host worker's checked entry, as JSON: .root (the chart's context), .index, .entry (one item of
hostWorkers). The name must be usable in a Kubernetes name and label.
*/}}
{{- define "cutover-worker.hostName" -}}
{{- $where := printf "hostWorkers[%d]" .index -}}
{{- if not (kindIs "map" .entry) -}}
{{- fail (printf "%s must be a map with at least a name (the host name plans write in `host:`), e.g. {name: db-1}" $where) -}}
{{- end -}}
{{- $name := required (printf "%s.name is required: the host name plans write in `host:` steps (the worker serves task queue cutover-<name>)" $where) .entry.name | toString -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "%s.name %q: use lowercase letters, digits and '-' (it becomes part of the Deployment's name and a label), and the same name in the plans' `host:`" $where $name) -}}
{{- end -}}
{{- $full := printf "%s-host-%s" (include "cutover-worker.fullname" .root) $name -}}
{{- if gt (len $full) 63 -}}
{{- fail (printf "%s.name %q: the Deployment name %q is longer than 63 characters; shorten the host name or set fullnameOverride" $where $name $full) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/*
One worker pod's template: the shared workers' and each host worker's. Takes a dict:
  root       the chart's context
  component  worker | host-worker
  host       the host name (host workers only)
  entry      the hostWorkers item (host workers only)
*/}}
{{- define "cutover-worker.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $entry := default dict .entry -}}
metadata:
  labels:
    {{- include "cutover-worker.selectorLabels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
    {{- with .host }}
    cutover.io/host: {{ . }}
    {{- end }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- if or (and $v.metrics.enabled $v.metrics.scrapeAnnotations) $v.podAnnotations }}
  annotations:
    {{- if and $v.metrics.enabled $v.metrics.scrapeAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.metrics.port | quote }}
    prometheus.io/path: /metrics
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  {{- with $v.serviceAccountName }}
  serviceAccountName: {{ . }}
  {{- end }}
  automountServiceAccountToken: {{ $v.automountServiceAccountToken }}
  # Service links would put every Service of the namespace into the environment (TEMPORAL_* too).
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $nodeSelector := ternary $entry.nodeSelector $v.nodeSelector (hasKey $entry "nodeSelector") }}
  {{- with $entry.nodeName }}
  {{- $nodeSelector = set (merge (dict) (default dict $nodeSelector)) "kubernetes.io/hostname" . }}
  {{- end }}
  {{- with $nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with (ternary $entry.tolerations $v.tolerations (hasKey $entry "tolerations")) }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with (ternary $entry.affinity $v.affinity (hasKey $entry "affinity")) }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if not .host }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
  containers:
    - name: worker
      image: {{ include "cutover-worker.image" $root }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      # The image's entrypoint is tini running `java -jar cutover.jar`: these are cutover's arguments.
      args:
        - worker
        {{- if $v.metrics.enabled }}
        - --metrics-port
        - {{ $v.metrics.port | quote }}
        {{- end }}
        - --log-format
        - {{ $v.logFormat | quote }}
        {{- with .host }}
        - --host
        - {{ . }}
        {{- end }}
      env:
        - name: TEMPORAL_ADDRESS
          value: {{ required "temporal.address is required: the Temporal frontend, host:port" $v.temporal.address | quote }}
        - name: TEMPORAL_NAMESPACE
          value: {{ required "temporal.namespace is required" $v.temporal.namespace | quote }}
        {{- if $v.temporal.apiKeySecret.name }}
        - name: TEMPORAL_API_KEY
          valueFrom:
            secretKeyRef:
              name: {{ $v.temporal.apiKeySecret.name }}
              key: {{ required "temporal.apiKeySecret.key is required with temporal.apiKeySecret.name" $v.temporal.apiKeySecret.key }}
        {{- end }}
        {{- if $v.temporal.tls.enabled }}
        - name: TEMPORAL_TLS
          value: "true"
        {{- if $v.temporal.tls.secretName }}
        {{- if $v.temporal.tls.certKey }}
        - name: TEMPORAL_TLS_CLIENT_CERT_PATH
          value: /etc/cutover/temporal-tls/{{ $v.temporal.tls.certKey }}
        {{- end }}
        {{- if $v.temporal.tls.keyKey }}
        - name: TEMPORAL_TLS_CLIENT_KEY_PATH
          value: /etc/cutover/temporal-tls/{{ $v.temporal.tls.keyKey }}
        {{- end }}
        {{- if $v.temporal.tls.caKey }}
        - name: TEMPORAL_TLS_SERVER_CA_CERT_PATH
          value: /etc/cutover/temporal-tls/{{ $v.temporal.tls.caKey }}
        {{- end }}
        {{- end }}
        {{- with $v.temporal.tls.serverName }}
        - name: TEMPORAL_TLS_SERVER_NAME
          value: {{ . | quote }}
        {{- end }}
        {{- end }}
        {{- with $v.buildId }}
        - name: CUTOVER_BUILD_ID
          value: {{ . | quote }}
        - name: CUTOVER_DEPLOYMENT_NAME
          value: {{ $v.deploymentName | default "cutover" | quote }}
        {{- end }}
        {{- with $v.otlpEndpoint }}
        - name: OTEL_EXPORTER_OTLP_ENDPOINT
          value: {{ . | quote }}
        {{- end }}
        {{- with $v.codec.existingSecret }}
        # The payload key: a worker without it would store plans and reports unencrypted, so a
        # missing Secret or key keeps the pod from starting.
        - name: CUTOVER_CODEC_KEY
          valueFrom:
            secretKeyRef:
              name: {{ . }}
              key: {{ required "codec.secretKeys.key is required with codec.existingSecret" $v.codec.secretKeys.key }}
        {{- if $v.codec.secretKeys.keyId }}
        - name: CUTOVER_CODEC_KEY_ID
          valueFrom:
            secretKeyRef:
              name: {{ . }}
              key: {{ $v.codec.secretKeys.keyId }}
              optional: true
        {{- end }}
        {{- if $v.codec.secretKeys.oldKeys }}
        - name: CUTOVER_CODEC_OLD_KEYS
          valueFrom:
            secretKeyRef:
              name: {{ . }}
              key: {{ $v.codec.secretKeys.oldKeys }}
              optional: true
        {{- end }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if $v.metrics.enabled }}
      ports:
        - name: metrics
          containerPort: {{ $v.metrics.port }}
          protocol: TCP
      # /metrics answers once the JVM is up (before Temporal is reached: the worker keeps
      # retrying the server by itself).
      readinessProbe:
        httpGet: {path: /metrics, port: metrics}
        periodSeconds: 10
      livenessProbe:
        httpGet: {path: /metrics, port: metrics}
        initialDelaySeconds: 30
        periodSeconds: 30
        timeoutSeconds: 5
      {{- end }}
      resources:
        {{- toYaml (ternary $entry.resources $v.resources (hasKey $entry "resources")) | nindent 8 }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      volumeMounts:
        - name: plans
          mountPath: {{ $v.plans.mountPath }}
        - name: tmp
          mountPath: /tmp
        {{- if and $v.temporal.tls.enabled $v.temporal.tls.secretName }}
        - name: temporal-tls
          mountPath: /etc/cutover/temporal-tls
          readOnly: true
        {{- end }}
        {{- with $v.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: plans
      persistentVolumeClaim:
        claimName: {{ $entry.existingClaim | default (include "cutover-worker.plansClaim" $root) }}
    - name: tmp
      emptyDir:
        {{- with $v.tmp.sizeLimit }}
        sizeLimit: {{ . }}
        {{- end }}
    {{- if and $v.temporal.tls.enabled $v.temporal.tls.secretName }}
    - name: temporal-tls
      secret:
        secretName: {{ $v.temporal.tls.secretName }}
        defaultMode: 0440
    {{- end }}
    {{- with $v.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
