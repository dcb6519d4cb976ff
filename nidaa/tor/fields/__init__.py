"""One module per field family, each beside its cue words (folded: lowercase, no accents; patterns
run on ``nidaa.tor.text.fold`` output and are written naturally through ``kw``).
``nidaa.tor.extract.extract_fields`` runs them in order; ``common`` holds what they share."""
