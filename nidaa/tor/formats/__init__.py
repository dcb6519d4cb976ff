"""One module per document format. Each exposes ``read(data, ...) -> Document``
and raises ``ReadError``; :mod:`nidaa.tor.readers` picks the module from the
file's content and catches anything a third-party parser lets slip."""
