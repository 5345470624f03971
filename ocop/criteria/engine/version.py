"""The engine's version, stored with every result so it stays explainable."""

ENGINE_VERSION = "1.0.0"
