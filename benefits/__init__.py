"""What the ward hands out: benefit types as data, the monthly payroll with its arrears and
recoveries, the payment provider's lists and their reconciliation, one-off supports."""
