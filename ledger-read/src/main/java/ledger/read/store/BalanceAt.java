package ledger.read.store;

import ledger.domain.Money;

/** A balance as of an instant: the balance after the event with this sequence. */
public record BalanceAt(Money balance, long sequence) {}
