from django import template

from open_integriteit.figures import formatting

register = template.Library()

register.filter("figure_value", formatting.figure_value)
