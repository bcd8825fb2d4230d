from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "civictalent.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from civictalent.accounts.second_factor import record_second_factor_on_set_up

        authenticator_added.connect(
            record_second_factor_on_set_up, dispatch_uid="civictalent.second_factor_on_set_up"
        )
