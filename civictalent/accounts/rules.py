from civictalent.core.predicates import grant_admin_site_to_platform_admins

grant_admin_site_to_platform_admins("accounts", ["user"])

# So a platform admin can remove the authenticator of someone who lost their phone and codes.
grant_admin_site_to_platform_admins("mfa", ["authenticator"], actions=("view", "delete"))
