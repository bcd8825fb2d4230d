"""The rich-text editor: a plain, labelled textarea with formatting buttons above it that only
show once GitHub's markdown-toolbar-element has loaded (core/forms.py RichTextarea)."""

from __future__ import annotations

from django import forms

from civictalent.core.forms import RICH_TEXT_HINT, GovukFormMixin, RichTextarea


class Form(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Description",
        help_text=RICH_TEXT_HINT,
        widget=RichTextarea(toolbar_label="Formatting for the description"),
    )


def test_the_field_is_a_textarea_with_its_hint_and_a_labelled_toolbar_for_it() -> None:
    html = str(Form(initial={"text": "- one"}))
    assert '<textarea name="text"' in html and 'id="id_text"' in html
    assert 'aria-describedby="id_text-hint"' in html and "## before a heading" in html
    assert (
        '<markdown-toolbar for="id_text" class="app-markdown-toolbar" '
        'aria-label="Formatting for the description" aria-controls="id_text">'
    ) in html
    for style, label in RichTextarea.BUTTONS:
        assert f'data-md-button="{style}" tabindex="-1">{label}</button>' in html
    assert '<script type="module" src="/static/js/markdown-toolbar-element.js"></script>' in html


def test_the_script_is_served_from_the_npm_package_by_the_static_build() -> None:
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    assert (
        "cp node_modules/@github/markdown-toolbar-element/dist/index.js "
        "static_build/js/markdown-toolbar-element.js"
    ) in makefile
