import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { servicesRemoveImage, servicesSetImage } from '@marquee/contracts/client/functions';
import type { ServiceDto } from '@marquee/contracts/client';
import { ApiClient } from '../../../core/api/api-client';
import { errorMessage } from '../../../core/api/problem';
import { fieldMessage } from '../../../shared/form-errors';
import { ServicePicture } from '../../../shared/service-picture';

export const PICTURE_LIMITS = { altMaxLength: 200, maxBytes: 5 * 1024 * 1024, accept: 'image/jpeg,image/png,image/webp' };

/** The picture of a saved service: choose a file (previewed), describe it, upload; or remove the current one. */
@Component({
  selector: 'mq-service-picture-editor',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ServicePicture],
  template: `
    <fieldset class="picture-editor">
      <legend>Picture</legend>
      @if (preview(); as url) {
        <img class="preview" [src]="url" alt="Preview of the chosen picture" />
      } @else if (service().image; as image) {
        <mq-service-picture class="preview" [image]="image" sizes="320px" />
      } @else {
        <p class="muted">No picture yet.</p>
      }
      <label class="file">
        <span>Picture file (JPEG, PNG or WebP, up to 5 MB)</span>
        <input #fileInput type="file" [accept]="limits.accept" (change)="choose(fileInput.files)" />
      </label>
      <mat-form-field class="alt">
        <mat-label>Text alternative</mat-label>
        <input matInput [formControl]="alt" required [maxlength]="limits.altMaxLength" />
        <mat-hint>What the picture shows, for people who cannot see it</mat-hint>
        <mat-error>{{ message(alt.errors, 'Text alternative') }}</mat-error>
      </mat-form-field>
      @if (error(); as text) {
        <p class="form-alert" role="alert">{{ text }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="button" [disabled]="busy() || !file()" (click)="upload()">
          {{ busy() ? 'Uploading…' : 'Upload picture' }}
        </button>
        @if (service().image) {
          <button mat-button type="button" [disabled]="busy()" (click)="remove()">Remove picture</button>
        }
      </div>
    </fieldset>
  `,
  styles: `
    .picture-editor {
      display: grid;
      gap: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 16px;
    }
    .preview {
      display: block;
      max-width: 320px;
      width: 100%;
      height: auto;
      border-radius: 12px;
    }
    .file {
      display: grid;
      gap: 4px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicePictureEditor {
  private readonly api = inject(ApiClient);

  readonly service = input.required<ServiceDto>();
  /** The service as the API answered after an upload or a removal. */
  readonly changed = output<ServiceDto>();

  protected readonly limits = PICTURE_LIMITS;
  protected readonly message = fieldMessage;
  protected readonly alt = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(PICTURE_LIMITS.altMaxLength)],
  });
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  /** An object URL of the chosen file, revoked when replaced. */
  protected readonly preview = signal<string | null>(null);

  constructor() {
    // The current picture's text alternative, to keep or change with a new file.
    effect(() => {
      const alt = this.service().image?.alt ?? '';
      untracked(() => this.alt.reset(alt));
    });
    inject(DestroyRef).onDestroy(() => this.setPreview(null));
  }

  protected choose(files: FileList | null): void {
    const file = files?.item(0) ?? null;
    this.error.set(file && file.size > PICTURE_LIMITS.maxBytes ? 'The file is larger than 5 MB.' : null);
    this.file.set(file);
    this.setPreview(file ? URL.createObjectURL(file) : null);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    this.alt.markAsTouched();
    if (!file || this.alt.invalid || this.busy()) return;
    await this.send(() => this.api.call(servicesSetImage, { id: this.service().id, body: { file, alt: this.alt.value.trim() } }));
  }

  protected async remove(): Promise<void> {
    const id = this.service().id;
    await this.send(async () => {
      await this.api.call(servicesRemoveImage, { id });
      return { ...this.service(), image: null };
    });
  }

  private async send(change: () => Promise<ServiceDto>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await change();
      this.file.set(null);
      this.setPreview(null);
      const fileInput = this.fileInput()?.nativeElement;
      if (fileInput) fileInput.value = '';
      this.changed.emit(saved);
    } catch (error) {
      this.error.set(errorMessage(error, 'The picture could not be saved.'));
    } finally {
      this.busy.set(false);
    }
  }

  private setPreview(url: string | null): void {
    const previous = this.preview();
    if (previous) URL.revokeObjectURL(previous);
    this.preview.set(url);
  }
}
