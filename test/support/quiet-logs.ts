/**
 * Import first in tests that run handlers: their Powertools Logger stays silent unless
 * POWERTOOLS_LOG_LEVEL asks otherwise (e.g. `POWERTOOLS_LOG_LEVEL=INFO npx jest …` to see them).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
