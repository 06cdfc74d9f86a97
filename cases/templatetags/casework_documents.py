"""{% document_links case as links %}: the document buttons a user gets for a request."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def document_links(context, assistance_request):
    from cases.documents.views import links_for

    return links_for(context["request"].user, assistance_request)
