"""Bank transfers: how households are paid, their bank accounts, the payment lists for finance
(batches) and the bank's result files read back."""
