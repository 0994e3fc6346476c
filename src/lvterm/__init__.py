"""lvterm: a bilingual Latvian-English content library for translation and terminology."""

__version__ = "0.1.0"
