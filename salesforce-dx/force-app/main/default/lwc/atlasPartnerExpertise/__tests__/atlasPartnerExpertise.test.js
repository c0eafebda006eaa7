import { createElement } from '@lwc/engine-dom';
import AtlasPartnerExpertise from 'c/atlasPartnerExpertise';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';

const mockRecords = require('./data/getRelatedListRecords.json');

function mount() {
  const element = createElement('c-atlas-partner-expertise', { is: AtlasPartnerExpertise });
  element.recordId = '001000000000001AAA';
  document.body.appendChild(element);
  return element;
}

// Wire emissions re-render on the next microtask.
const rendered = () => Promise.resolve();

const texts = (root, selector) => [...root.querySelectorAll(selector)].map((e) => e.textContent.trim());

describe('c-atlas-partner-expertise', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('asks for the Account’s Atlas Expertise related list with the fields it shows', async () => {
    mount();
    await rendered();
    const config = getRelatedListRecords.getLastConfig();
    expect(config.parentRecordId).toBe('001000000000001AAA');
    expect(config.relatedListId).toBe('Atlas_Expertise__r');
    expect(config.fields).toEqual(
      expect.arrayContaining([
        'Atlas_Expertise__c.Level__c',
        'Atlas_Expertise__c.Score__c',
        'Atlas_Expertise__c.Next_Level__c',
      ]),
    );
  });

  it('draws the sector × technology grid with a level colour and score per cell', async () => {
    const element = mount();
    getRelatedListRecords.emit(mockRecords);
    await rendered();

    const root = element.shadowRoot;
    expect(texts(root, 'th.technology')).toEqual(['Cloud', 'Data & AI']);
    expect(texts(root, 'th.sector')).toEqual(['Financial Services', 'Healthcare & Life Sciences']);
    const cells = [...root.querySelectorAll('tr.grid-row td')].map((td) => ({
      cls: td.className,
      title: td.title,
    }));
    expect(cells).toEqual([
      { cls: 'cell cell_emerging', title: 'Cloud: Emerging, score 41' },
      { cls: 'cell cell_none', title: 'Data & AI: not scored' },
      { cls: 'cell cell_proven', title: 'Cloud: Proven, score 63' },
      { cls: 'cell cell_specialist', title: 'Data & AI: Specialist, score 86' },
    ]);
    expect(root.querySelector('.summary').textContent).toContain('3 scored sectors and technologies');
    expect(root.querySelector('lightning-formatted-date-time').value).toBe('2026-12-07T02:00:00.000Z');
  });

  it('ranks the cells by score with level, confidence and what the next level needs', async () => {
    const element = mount();
    getRelatedListRecords.emit(mockRecords);
    await rendered();

    const root = element.shadowRoot;
    expect(texts(root, '.ranked-name')).toEqual([
      'Healthcare & Life Sciences × Data & AI',
      'Healthcare & Life Sciences × Cloud',
      'Financial Services × Cloud',
    ]);
    expect(texts(root, '.ranked .badge')).toEqual(['Specialist', 'Proven', 'Emerging']);
    expect(texts(root, '.ranked-figures')).toEqual([
      'Score 86 · 72% confidence',
      'Score 63 · 58% confidence',
      'Score 41 · 35% confidence',
    ]);
    expect(texts(root, '.ranked-next')).toEqual([
      'Highest level reached',
      'Specialist needs 1 more certified person',
      'Proven needs 2 more won customers',
    ]);
  });

  it('says in words that nothing is scored yet', async () => {
    const element = mount();
    getRelatedListRecords.emit({ ...mockRecords, count: 0, records: [] });
    await rendered();

    const root = element.shadowRoot;
    expect(root.querySelector('.empty').textContent).toContain('has not scored this partner');
    expect(root.querySelector('table')).toBeNull();
  });

  it('shows a failed load as a sentence with what to do', async () => {
    const element = mount();
    getRelatedListRecords.error({ message: 'The requested resource does not exist' });
    await rendered();

    const error = element.shadowRoot.querySelector('.error');
    expect(error.textContent).toContain('Partner expertise could not be loaded.');
    expect(error.textContent).toContain('The requested resource does not exist');
    expect(error.textContent).toContain('Partner Atlas Viewer permission set');
  });
});
