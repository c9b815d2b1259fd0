"""The browser's upload form: which kind, the file, and whether to preview first (the default)."""
from pathlib import PurePosixPath

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import KINDS
from .services.runner import IMPORT_LIMITS

EXTENSIONS = {".csv", ".xlsx"}


def kind_choices() -> list[tuple[str, str]]:
    return [(name, kind.label) for name, kind in KINDS.items()]


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("导入内容"), choices=kind_choices)
    file = forms.FileField(label=_("文件"), help_text=_("Excel（.xlsx）或CSV（UTF-8，含或不含BOM；GBK），首行为列名"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    dry_run = forms.BooleanField(label=_("先预览（只检查并报告将新增、更新的数据，不写入）"), required=False,
                                 initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePosixPath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("仅支持CSV或Excel（.xlsx）文件。"))
        if upload.size is not None and upload.size > IMPORT_LIMITS.max_bytes:
            raise forms.ValidationError(_("文件不能超过%(mb)sMB。") % {"mb": IMPORT_LIMITS.max_bytes // (1024 * 1024)})
        if not upload.size:
            raise forms.ValidationError(_("文件是空的。"))
        return upload
