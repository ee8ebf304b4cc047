"""The version, in one place: the package, stores, the site and the server all say it."""

__version__ = "0.1.0"
