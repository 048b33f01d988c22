/** An amount with its currency as messages show it: a symbol in front ("$8.42"), a code after ("8.42 EUR"). */
export function money(amount: number, currency: string): string {
  const digits = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return /^[A-Za-z]{2,}$/.test(currency) ? `${digits} ${currency}` : `${currency}${digits}`;
}
