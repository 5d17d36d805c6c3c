CREATE UNIQUE INDEX "IX_ToolCategories_Slug" ON "ToolCategories" ("Slug");
CREATE UNIQUE INDEX "IX_ToolContents_Slug" ON "ToolContents" ("Slug");
CREATE INDEX "IX_ToolContents_CategoryId" ON "ToolContents" ("CategoryId");
CREATE INDEX "IX_ToolFeatures_ToolContentId" ON "ToolFeatures" ("ToolContentId");
CREATE INDEX "IX_ToolSteps_ToolContentId" ON "ToolSteps" ("ToolContentId");
