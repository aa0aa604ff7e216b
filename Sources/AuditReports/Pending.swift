enum AuditReportsPending {}
