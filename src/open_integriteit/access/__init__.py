"""Who may do what: the one place that decides access (ADR 0015, STYLE.md rule 13).

One module per domain, each with the same two kinds of answer:

- ``can_<verb>(user, obj)`` — may this user do this to this object (or, without an
  object, use this part of the product at all)? Always a plain ``bool``;
- ``<things>_visible_to(user)`` — the queryset of objects the user has need-to-know for.
  Object predicates are written on top of these querysets, so a list and a detail page
  can never disagree.

``roles`` is the only module that reads a user's roles. Selectors and services ask the
predicates and turn a ``False`` into ``Http404`` or ``PermissionDenied``; views pass the
answers to templates as ``may`` flags; the staff menu (``menu``) shows a link only when
its predicate says the page behind it will open.

A new app adds its rules as ``access/<app>.py`` in this style and, if it has pages in
the menu, its entries in ``menu.py``; ``access/tests/test_need_to_know.py`` then asks
for an expectation for each of its URLs.
"""
