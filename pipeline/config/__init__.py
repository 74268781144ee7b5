"""Configuration: YAML validated into typed models.

Every error names the key path (``offices[2].email[0]``) and what was expected.
Secrets are never stored in the file: keys ending in ``_env`` name environment variables.
``sections`` holds the section models, ``model`` the whole ``Config``, ``load`` the reading.
"""

from pipeline.config.load import load_config, parse_config
from pipeline.config.model import Config
from pipeline.config.sections import (
    Ack,
    CalendarCfg,
    Daemon,
    Delivery,
    Http,
    Office,
    ReminderOverride,
    ReminderPolicy,
    RoutingRule,
    Smtp,
    Web,
    Webhook,
)

__all__ = [
    "Ack",
    "CalendarCfg",
    "Config",
    "Daemon",
    "Delivery",
    "Http",
    "Office",
    "ReminderOverride",
    "ReminderPolicy",
    "RoutingRule",
    "Smtp",
    "Web",
    "Webhook",
    "load_config",
    "parse_config",
]
