"""Release data: models, safe reading and validation, the catalogue, vocabularies and entities, drafts, search."""
