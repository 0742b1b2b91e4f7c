package org.smtpplus.core.subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.smtpplus.core.csv.CsvRecord;
import org.smtpplus.core.csv.MalformedCsvException;

/**
 * The header row of a subscriber import, and what it makes of each data line: the {@code email} column is the
 * address, an optional {@code status} column the status, every other column a merge field. Column names are
 * matched case-insensitively.
 */
final class ImportColumns {
    static final String HEADER = "header";
    private static final String EMAIL = "email";
    private static final String STATUS = "status";
    // what the UTF-8 decoder puts where bytes are not UTF-8, e.g. in a file saved as Windows-1252; a file holding
    // the character itself is refused too, a rare loss against importing every mis-encoded file as garbage
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final List<String> names;
    private final int email;
    private final OptionalInt status;
    private final List<Integer> fields;

    private ImportColumns(List<String> names, int email, OptionalInt status, List<Integer> fields) {
        this.names = List.copyOf(names);
        this.email = email;
        this.status = status;
        this.fields = List.copyOf(fields);
    }

    static ImportColumns of(List<String> names) throws InvalidSubscriberException {
        Map<String, Integer> indexesByCaseKey = new HashMap<>();
        OptionalInt email = OptionalInt.empty();
        OptionalInt status = OptionalInt.empty();
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer clash = indexesByCaseKey.putIfAbsent(SubscriberValues.caseKey(name), i);
            if (clash != null) {
                throw new InvalidSubscriberException(HEADER, column(i, name) + " repeats " + column(clash, names.get(clash))
                    + ": column names are case-insensitive, as merge tags are");
            }
            if (name.equalsIgnoreCase(EMAIL)) {
                email = OptionalInt.of(i);
            } else if (name.equalsIgnoreCase(STATUS)) {
                status = OptionalInt.of(i);
            } else if (SubscriberValues.isFieldName(name)) {
                fields.add(i);
            } else {
                throw new InvalidSubscriberException(HEADER,
                    column(i, name) + " is not a valid field name: " + SubscriberValues.FIELD_NAME_RULE);
            }
        }
        if (email.isEmpty()) {
            throw new InvalidSubscriberException(HEADER, "has no email column, got "
                + SubscriberValues.DESCRIPTIONS.quote(String.join(",", names)));
        }
        SubscriberValues.checkFieldCount(HEADER, fields.size());
        return new ImportColumns(names, email.getAsInt(), status, fields);
    }

    private static String column(int index, String name) {
        return "column " + (index + 1) + " " + SubscriberValues.DESCRIPTIONS.quote(name);
    }

    ImportLine read(CsvRecord record, String list, Instant now) {
        if (record.values().size() != names.size()) {
            return ImportLine.refused(record.line(),
                "has " + record.values().size() + " values, the header has " + names.size() + " columns");
        }
        try {
            checkUtf8(record.values());
            // spreadsheets often keep spaces around a cell, and an address never holds one
            String address = record.values().get(email).strip();
            SubscriberValues.checkAddress(label(email), address);
            SubscriberUpdate update = update(record.values());
            return ImportLine.subscriber(record.line(), update, update.applyImportTo(Optional.empty(), list, address, now));
        } catch (InvalidSubscriberException e) {
            return ImportLine.refused(record.line(), e.getMessage());
        }
    }

    ImportLine refused(MalformedCsvException malformed) {
        String problem = malformed.column().isPresent()
            ? label(malformed.column().getAsInt()) + ": " + malformed.problem()
            : malformed.problem();
        return ImportLine.refused(malformed.line(), problem);
    }

    private void checkUtf8(List<String> values) throws InvalidSubscriberException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).indexOf(REPLACEMENT_CHARACTER) >= 0) {
                throw new InvalidSubscriberException(label(i), "is not UTF-8 text: save the file as CSV UTF-8");
            }
        }
    }

    private SubscriberUpdate update(List<String> values) throws InvalidSubscriberException {
        Optional<SubscriberStatus> statusValue = Optional.empty();
        if (status.isPresent() && !values.get(status.getAsInt()).isBlank()) {
            String value = values.get(status.getAsInt()).strip().toLowerCase(Locale.ROOT);
            statusValue = Optional.of(SubscriberValues.status(label(status.getAsInt()), value));
        }
        Map<String, String> fieldValues = new TreeMap<>();
        for (int i : fields) {
            // an empty cell sets no field: a merge tag falls back as for a recipient without it, and an import
            // keeps what the list knows
            if (!values.get(i).isEmpty()) {
                SubscriberValues.checkFieldValue(label(i), values.get(i));
                fieldValues.put(names.get(i), values.get(i));
            }
        }
        return new SubscriberUpdate(Optional.of(fieldValues), statusValue);
    }

    private String label(int index) {
        if (index < names.size()) {
            return "column " + SubscriberValues.DESCRIPTIONS.quote(names.get(index));
        }
        return "column " + (index + 1);
    }
}
