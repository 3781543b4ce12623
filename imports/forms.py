from django import forms
from django.utils.translation import gettext_lazy

from areas.models import Area
from ui.fields import TextField

from .columns import FIELDS, IGNORED
from .reading import MAX_BYTES

DATE_WIDGET = forms.DateInput(
    attrs={"placeholder": gettext_lazy("nn/tt/nnnn"), "inputmode": "numeric"}
)


class UploadForm(forms.Form):
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Nhập vào xã, phường"), queryset=Area.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách (.xlsx, .xls, .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Năm phân loại"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Cần khi danh sách có cột phân loại hộ."),
    )
    decision_number = TextField(label=gettext_lazy("Số quyết định"), max_length=50, required=False)
    decision_date = forms.DateField(
        label=gettext_lazy("Ngày quyết định"), required=False, widget=DATE_WIDGET
    )

    def __init__(self, *args, wards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        only = list(wards[:2])
        if len(only) == 1:
            self.fields["ward"].initial = only[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext_lazy("Tệp lớn hơn %(mb)d MB: hãy chia danh sách thành nhiều tệp.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the list: which field it holds, or none."""

    create_groups = forms.BooleanField(
        label=gettext_lazy("Tạo các tổ dân phố, khóm chưa có trong xã, phường"), required=False
    )

    def __init__(self, *args, headers: list[str], mapping: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext_lazy("— Bỏ qua —")), *FIELDS.items()]
        self.columns = []
        for i, header in enumerate(headers):
            if not header:
                continue
            name = f"col_{i}"
            initial = mapping.get(i, "")
            self.fields[name] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial="" if initial == IGNORED else initial,
            )
            self.columns.append((i, name))

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for _i, name in self.columns if data.get(name)]
        twice = {f for f in chosen if chosen.count(f) > 1}
        if twice:
            raise forms.ValidationError(
                gettext_lazy("Mỗi trường chỉ ghép với một cột: %(fields)s bị chọn hai lần.")
                % {"fields": ", ".join(str(FIELDS[f]) for f in twice)}
            )
        return data

    @property
    def mapping(self) -> dict[int, str]:
        return {
            i: self.cleaned_data[name] for i, name in self.columns if self.cleaned_data.get(name)
        }

    def bound_columns(self):
        return [(i, self[name]) for i, name in self.columns]
