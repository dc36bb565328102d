import { ChangeDetectionStrategy, Component, type ElementRef, type OnDestroy, output, signal, viewChild } from '@angular/core';

/** What the browser's own barcode detector offers (Chrome on Android and macOS, Safari). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The same code seen again within this time is the same scan (the camera keeps seeing it). */
const REPEAT_MS = 3000;

/**
 * The camera, reading QR codes: the browser's BarcodeDetector where it has one, ZXing (loaded only
 * when the camera starts) elsewhere. Emits each code once per sighting.
 */
@Component({
  selector: 'mq-qr-scanner',
  template: `
    <div class="camera" [hidden]="!running()">
      <video #video playsinline muted aria-label="Camera view"></video>
    </div>
    <div class="controls">
      @if (running()) {
        <button class="btn outlined" type="button" (click)="stop()">Stop camera</button>
      } @else {
        <button class="btn outlined" type="button" [disabled]="starting()" (click)="start()">
          {{ starting() ? 'Starting the camera…' : 'Scan with the camera' }}
        </button>
      }
    </div>
    @if (problem(); as text) {
      <p class="error" role="alert">{{ text }}</p>
    }
  `,
  styles: `
    .camera video {
      width: 100%;
      max-height: 50vh;
      object-fit: cover;
      border-radius: 12px;
      background: #000;
    }
    .controls {
      margin: 8px 0;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrScanner implements OnDestroy {
  readonly scanned = output<string>();

  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  protected readonly running = signal(false);
  protected readonly starting = signal(false);
  protected readonly problem = signal<string | null>(null);
  private stream: MediaStream | null = null;
  private stopReading: (() => void) | null = null;
  private last = { code: '', at: 0 };

  async start(): Promise<void> {
    this.problem.set(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      this.problem.set('This browser cannot use a camera here. Type the code or the reference instead.');
      return;
    }
    this.starting.set(true);
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const video = this.video().nativeElement;
      video.srcObject = this.stream;
      await video.play();
      this.running.set(true);
      this.stopReading = await this.read(video, this.stream);
    } catch (error) {
      this.stop();
      this.problem.set(
        error instanceof DOMException && error.name === 'NotAllowedError'
          ? 'The camera was not allowed. Allow it in the browser, or type the code or the reference instead.'
          : 'The camera could not be started. Type the code or the reference instead.',
      );
    } finally {
      this.starting.set(false);
    }
  }

  stop(): void {
    this.stopReading?.();
    this.stopReading = null;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.running.set(false);
  }

  ngOnDestroy(): void {
    this.stop();
  }

  /** Starts reading codes from the video; answers how to stop. */
  private async read(video: HTMLVideoElement, stream: MediaStream): Promise<() => void> {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
    if (Detector) {
      const detector = new Detector({ formats: ['qr_code'] });
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const tick = async () => {
        const codes = await detector.detect(video).catch(() => []);
        if (codes[0]) this.seen(codes[0].rawValue);
        if (!stopped) timer = setTimeout(tick, 200);
      };
      void tick();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    }
    const { BrowserQRCodeReader } = await import('@zxing/browser');
    const controls = await new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 200 }).decodeFromStream(
      stream,
      video,
      (result) => result && this.seen(result.getText()),
    );
    return () => controls.stop();
  }

  private seen(code: string): void {
    const now = Date.now();
    if (code === this.last.code && now - this.last.at < REPEAT_MS) return;
    this.last = { code, at: now };
    this.scanned.emit(code);
  }
}
