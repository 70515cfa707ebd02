"""Diacritic-insensitive search over text kept only as typed (titles, outlets, places).

Units and exemplars carry a folded `search_text`; activities and events do not, so their free
text is folded inside the query by `Folded`: on SQLite a function registered on each new
connection (apps.py) that calls `common.text.fold`; on PostgreSQL lower() then translate() of
every Vietnamese letter with a mark to its base letter.
"""

from django.db.models import Func, Q, QuerySet, TextField

from guongsang.common.text import fold, search_terms

SQLITE_FUNCTION = "guongsang_fold"
_MARKED = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
    "d": "đ",
}
_FROM = "".join(_MARKED.values())
_TO = "".join(base * len(letters) for base, letters in _MARKED.items())


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created: give SQLite the folding function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


class Folded(Func):
    """The text as `common.text.fold` gives it, computed by the database."""

    function = SQLITE_FUNCTION
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # Constant letters (no quote, no percent sign) written into the SQL.
        template = f"translate(lower(%(expressions)s), '{_FROM}', '{_TO}')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def text_search(queryset: QuerySet, query: str | None, fields: tuple[str, ...], extra=None):
    """Rows where every folded word of the query occurs in one of the text fields (folded in
    the query) or matches `extra(term)`, a Q over columns that are folded already."""
    terms = search_terms(query)
    if not terms:
        return queryset
    aliases = {f"_folded_{name}": Folded(name) for name in fields}
    queryset = queryset.alias(**aliases)
    for term in terms:
        matches = Q()
        for alias in aliases:
            matches |= Q(**{f"{alias}__contains": term})
        if extra is not None:
            matches |= extra(term)
        queryset = queryset.filter(matches)
    return queryset
