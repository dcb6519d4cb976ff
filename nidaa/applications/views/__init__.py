"""The applications' pages by audience: ``public`` for applicants (apply, their
applications, receipts), ``issuer`` for the organisation that received them."""
