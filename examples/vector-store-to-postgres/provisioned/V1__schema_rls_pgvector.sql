-- Stand-in: the Supabase project as provisioned in the days before the cutover (seed 003's
-- "Infrastructure" list): pgvector enabled, the schema with an 8-dimension embedding column, a
-- storage bucket table, row-level security on every org-scoped table, and the backend's role
-- (syntra_app, which owns nothing, so the policies apply to it; the owner bypasses them).
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE orgs (org_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE threads (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(org_id), title TEXT NOT NULL);
CREATE TABLE memory_fragments (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(org_id),
  thread_id INTEGER REFERENCES threads(id), text TEXT NOT NULL, vector_id TEXT, embedding vector(8));
CREATE TABLE attachments (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(org_id),
  thread_id INTEGER REFERENCES threads(id), file_name TEXT NOT NULL, file_data BYTEA, storage_path TEXT);
-- The storage bucket: one row per object, as Supabase's storage.objects.
CREATE TABLE storage_objects (bucket_id TEXT NOT NULL, name TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(org_id),
  size_bytes INTEGER NOT NULL);

-- The backend sets its org with SET LOCAL app.org_id (set_config(..., true)) in every transaction:
-- the only context that survives the transaction pooler. Without it no row is visible.
CREATE POLICY org_isolation ON threads USING (org_id = current_setting('app.org_id', true));
CREATE POLICY org_isolation ON memory_fragments USING (org_id = current_setting('app.org_id', true));
CREATE POLICY org_isolation ON attachments USING (org_id = current_setting('app.org_id', true));
CREATE POLICY org_isolation ON storage_objects USING (org_id = current_setting('app.org_id', true));
ALTER TABLE threads ENABLE ROW LEVEL SECURITY;
ALTER TABLE memory_fragments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage_objects ENABLE ROW LEVEL SECURITY;

GRANT USAGE ON SCHEMA public TO syntra_app;
GRANT SELECT ON orgs, threads, memory_fragments, attachments, storage_objects TO syntra_app;

-- What the consistency SQL asks the database about RLS, as the backend's role would see it: the
-- rows of org "probe" visible with the context set to org "context". Runs with the caller's rights.
CREATE FUNCTION rls_visible(context TEXT, probe TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.org_id', context, true);
  RETURN (SELECT COUNT(*) FROM memory_fragments WHERE org_id = probe)
       + (SELECT COUNT(*) FROM threads WHERE org_id = probe)
       + (SELECT COUNT(*) FROM attachments WHERE org_id = probe)
       + (SELECT COUNT(*) FROM storage_objects WHERE org_id = probe);
END $$;
GRANT EXECUTE ON FUNCTION rls_visible(TEXT, TEXT) TO syntra_app;
