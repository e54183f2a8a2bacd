/** A message's data as every bus carries it: JSON text, with undefined (which JSON cannot say) as null. */
export const busJson = (data: unknown): string => JSON.stringify(data) ?? 'null';
