package dev.dealroom.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Document bytes as PostgreSQL large objects, streamed in and out in chunks: they commit with the document's
 * rows and its event, every node reads them from the one database, and a 25 MB file is never held in memory.
 */
@ApplicationScoped
public class LargeObjects {

    private final DataSource dataSource;

    public LargeObjects(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the file as a new large object in the current transaction and answers its oid. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long store(Path file) {
        try (Connection connection = dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
            LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = objects.createLO(LargeObjectManager.READWRITE);
            LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
            try (OutputStream out = object.getOutputStream()) {
                in.transferTo(out);
            }
            return oid;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store a document", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a large object to {@code out}; large objects are read inside a transaction. */
    @Transactional
    public void copy(long oid, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            LargeObject object = connection.unwrap(PGConnection.class).getLargeObjectAPI()
                    .open(oid, LargeObjectManager.READ);
            try (InputStream in = object.getInputStream()) {
                in.transferTo(out);
            }
        } catch (SQLException e) {
            throw new IOException("Cannot read a document", e);
        }
    }
}
