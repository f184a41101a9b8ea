"""The declarations' URLs, one module per way of working (so each part can grow apart):
the declarant's own pages, the deciders' and clerk's pages, the public registers, and the
update rounds."""

from . import urls_decisions, urls_declarant, urls_public, urls_rounds

app_name = "declarations"

urlpatterns = [
    *urls_declarant.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_public.urlpatterns,
    *urls_rounds.urlpatterns,
]
