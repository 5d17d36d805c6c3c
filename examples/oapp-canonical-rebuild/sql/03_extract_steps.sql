-- Step extraction (seed 000, script 03): every phase lists its steps in one text cell, separated by
-- semicolons, as exported from Notion. Split them into steps_canonical rows, in order, trimmed,
-- skipping empty entries.
INSERT INTO steps_canonical (phaseId, stepOrder, stepName)
WITH RECURSIVE split(phaseId, stepOrder, step, rest) AS (
  SELECT phaseId, 0, '', COALESCE(stepsText, '') || ';' FROM phases_canonical
  UNION ALL
  SELECT phaseId, stepOrder + 1,
         trim(substr(rest, 1, instr(rest, ';') - 1)),
         substr(rest, instr(rest, ';') + 1)
  FROM split
  WHERE rest <> ''
)
SELECT phaseId, ROW_NUMBER() OVER (PARTITION BY phaseId ORDER BY stepOrder), step
FROM split
WHERE stepOrder > 0 AND step <> ''
ORDER BY phaseId, stepOrder;
