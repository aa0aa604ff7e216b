enum AuditModelPending {}
