DROP INDEX IF EXISTS "IX_ToolSteps_ToolContentId";
DROP INDEX IF EXISTS "IX_ToolFeatures_ToolContentId";
DROP INDEX IF EXISTS "IX_ToolContents_CategoryId";
DROP INDEX IF EXISTS "IX_ToolContents_Slug";
DROP INDEX IF EXISTS "IX_ToolCategories_Slug";
