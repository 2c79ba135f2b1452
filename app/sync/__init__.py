"""Bundles that travel on USB sticks: format, keys, signing, encryption, merge."""
