from ocop.catalogue.tests.conftest import public_setup, sensitive_producer

__all__ = ["public_setup", "sensitive_producer"]
