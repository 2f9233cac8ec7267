"""The tables: where they live (paths), their schema (schema), loading and checking them (loading),
the error every check raises (errors) and spreadsheet-safe export (export)."""
