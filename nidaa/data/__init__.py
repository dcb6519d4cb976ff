"""Reference data shipped with Nidaa (plain files, no Django)."""
