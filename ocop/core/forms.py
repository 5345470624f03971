"""Form pieces shared by every app."""

from django import forms

# The browser's native date picker: it shows dd/mm/yyyy in a Vietnamese browser and always sends
# ISO dates, which Django parses besides the dd/mm/yyyy input formats of config/formats/vi.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
