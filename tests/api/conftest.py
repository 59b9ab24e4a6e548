from tests.views.conftest import counter_terrorism_series, india, pakistan, russia

__all__ = ["counter_terrorism_series", "india", "pakistan", "russia"]
