enum AuditEnginePending {}
