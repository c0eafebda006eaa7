// lightning/navigation for Jest: like sfdx-lwc-jest's stub, but Navigate records its page reference.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

/** Called with ({ pageReference, replace }) on every Navigate; tests read its calls. */
export const navigateSpy = jest.fn();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      navigateSpy({ pageReference, replace });
    }

    [GenerateUrl]() {
      return Promise.resolve('https://www.example.com');
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
