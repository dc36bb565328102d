import { Directive, input } from '@angular/core';

/** A button that is one choice of a radio group (inside `role="radiogroup"`): says whether it is the chosen one, and looks it. */
@Directive({
  selector: 'button[mqChoice]',
  host: { type: 'button', role: 'radio', '[attr.aria-checked]': 'mqChoice()', '[class.selected]': 'mqChoice()' },
})
export class ChoiceButton {
  /** Whether this is the chosen one. */
  readonly mqChoice = input.required<boolean>();
}
