package ledger.read.store;

import ledger.domain.Money;

/**
 * The conservation check of one currency: balances plus money in flight must equal deposits minus
 * withdrawals. Transfers move money between accounts; they never create or destroy it.
 */
public record Totals(
        String currency, Money balances, Money inFlight, Money deposits, Money withdrawals) {

    public boolean conserved() {
        return balances.minor() + inFlight.minor() == deposits.minor() - withdrawals.minor();
    }
}
