"""Job advert health check: a pure engine (engine/) and the Django pages that use it."""
