package oasis.service.routing;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the readers of routes files the moment their file is written, so a shift of traffic (an
 * abort above all) takes effect at once rather than at the next poll. One watch service (inotify on
 * Linux) for the whole process: a user has only 128 inotify instances by default, and every service
 * holds several channels. Where no watch can be set, readers keep their poll.
 */
final class RoutesWatch {

  private static final Logger LOG = LoggerFactory.getLogger(RoutesWatch.class);
  private static RoutesWatch shared;

  private record Listener(Path file, Runnable onChange) {}

  private final WatchService service;
  private final Map<Path, WatchKey> dirs = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  private RoutesWatch(WatchService service) {
    this.service = service;
    Thread t = new Thread(this::run, "routes-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Runs {@code onChange} whenever {@code file} may have changed (created, replaced by a rename,
   * written, deleted), until the returned action is run; empty when no watch can be set.
   */
  static Optional<Runnable> watch(Path file, Runnable onChange) {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (dir == null) {
      return Optional.empty();
    }
    try {
      RoutesWatch w = shared();
      w.dirs.computeIfAbsent(dir, w::register);
      Listener l = new Listener(absolute, onChange);
      w.listeners.add(l);
      return Optional.of(() -> w.listeners.remove(l));
    } catch (IOException | RuntimeException e) {
      LOG.info("no watch on {} ({}); its changes are seen at the next poll", file, e.toString());
      return Optional.empty();
    }
  }

  private static synchronized RoutesWatch shared() throws IOException {
    if (shared == null) {
      shared = new RoutesWatch(FileSystems.getDefault().newWatchService());
    }
    return shared;
  }

  private WatchKey register(Path dir) {
    try {
      return dir.register(
          service,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot watch " + dir + ": " + e.getMessage(), e);
    }
  }

  private void run() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
        return;
      }
      Path dir = (Path) key.watchable();
      Set<Path> changed = new HashSet<>();
      boolean all = false;
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          all = true; // events were lost: any file of the directory may have changed
        } else {
          changed.add(dir.resolve((Path) event.context()));
        }
      }
      if (!key.reset()) {
        dirs.remove(dir); // the directory is gone: a later watch registers it anew
      }
      for (Listener l : listeners) {
        if (all ? l.file().startsWith(dir) : changed.contains(l.file())) {
          notify(l);
        }
      }
    }
  }

  private static void notify(Listener l) {
    try {
      l.onChange().run();
    } catch (RuntimeException e) {
      LOG.warn("routes file {} not applied: {}", l.file(), e.getMessage());
    }
  }
}
