import { count, errorText } from 'c/atlasWords';

describe('c/atlasWords', () => {
  it('counts with the right plural', () => {
    expect(count(1, 'scored cell')).toBe('1 scored cell');
    expect(count(0, 'scored cell')).toBe('0 scored cells');
    expect(count(2, 'company', 'companies')).toBe('2 companies');
  });

  it('turns UI API error bodies into one sentence', () => {
    expect(errorText({ body: [{ message: 'No access to Account.' }, { message: 'Try later.' }] })).toBe(
      'No access to Account. Try later.',
    );
    expect(errorText({ body: { message: 'Invalid relatedListId.' } })).toBe('Invalid relatedListId.');
    expect(errorText({ message: 'Network down' })).toBe('Network down');
    expect(errorText(undefined)).toBe('Salesforce did not say why.');
  });
});
