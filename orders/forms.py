from django import forms

from .services import MAX_QUANTITY

FIELD_PREFIX = "qty_"


class OrderForm(forms.Form):
    """One quantity box per product; empty or 0 means none of it.

    The fields are made from the products on sale, and `clean` refuses any
    other `qty_<id>` in the data, so a forged or stale product id is an error
    rather than something silently dropped.
    """

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = {product.pk: product for product in products}
        for product in products:
            self.fields[f"{FIELD_PREFIX}{product.pk}"] = forms.IntegerField(
                label=product.name,
                required=False,
                min_value=0,
                max_value=MAX_QUANTITY,
                widget=forms.NumberInput(attrs={"size": 3}),
            )

    def clean(self):
        cleaned = super().clean()
        unknown = [
            key
            for key in (self.data or {})
            if key.startswith(FIELD_PREFIX) and key not in self.fields
        ]
        if unknown:
            raise forms.ValidationError("That product is not on sale (any more).")
        if not self.errors and not self.quantities():
            raise forms.ValidationError("Choose at least one product.")
        return cleaned

    def quantities(self):
        """{product id: quantity} for every product with a quantity of at least 1."""
        return {
            int(name.removeprefix(FIELD_PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(FIELD_PREFIX) and value
        }

    def rows(self):
        return [(self.products[int(f.name.removeprefix(FIELD_PREFIX))], f) for f in self]


class StatusForm(forms.Form):
    status = forms.CharField(max_length=10)
