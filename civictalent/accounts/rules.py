from civictalent.core.predicates import grant_admin_site_to_platform_admins

grant_admin_site_to_platform_admins("accounts", ["user"])
