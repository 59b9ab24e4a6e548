"""The read-only JSON API (`/api/v1/`): Django REST Framework views over the same
FilterSets and querysets as the pages."""
