{{ header }}
"""What every generated package shares: the models and codecs, the errors and
the transport. Not part of the public API: import from the package itself."""
