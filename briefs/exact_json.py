"""Django's JSON serializer, keeping every microsecond of dates and times.

The stock encoder cuts datetimes to milliseconds, so a portable backup restored
into a fresh database would not hold the timestamps it was taken from (history
order, "updated" dates, audit trails). Django's JSON deserializer reads the full
ISO form back, so only the writing side differs.
"""

import datetime

# register_serializer wants a whole module: the stock reader reads the full form.
from django.core.serializers.json import Deserializer  # noqa: F401
from django.core.serializers.json import Serializer as JSONSerializer

NAME = "exactjson"


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()
        return super()._value_from_field(obj, field)
