"""What the AppTests of the pages share: the app on the test corpus (conftest `dashboard_env`),
its URL, the sidebar's actor filter, the texts a page shows."""
from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from lib.settings import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


PAGES = ["app.py", "pages/timeline.py", "pages/actors.py", "pages/quotes.py",
         "pages/articles.py", "pages/search.py", "pages/aliases.py", "pages/upload.py"]


ACTOR = "James Martin"


def app(query: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page and page != "app.py":
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def qp(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def select_actor(at: AppTest, actor: str = ACTOR) -> AppTest:
    at.multiselect(key="f_actor").select(actor).run()
    assert not at.exception, at.exception
    return at


def download_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def plain(markdown: str) -> str:
    """Markdown with its backslash escapes removed (file names are escaped when shown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return plain("\n".join(str(p) for p in parts))


def notices(at: AppTest) -> str:
    return plain("\n".join(str(w.value) for w in at.warning))
