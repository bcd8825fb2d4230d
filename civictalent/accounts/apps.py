from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "civictalent.accounts"
    label = "accounts"
    verbose_name = "Accounts"
